"""The bundled data (rankings sample, model catalogue, study figures), shipped inside the package as
`ai_trends_data` so that an installed ai-trends finds it with importlib.resources; see README.md here."""
