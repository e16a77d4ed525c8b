"""Generation: prompt templates and the one place that builds an OpenAI-compatible client."""
