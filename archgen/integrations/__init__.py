"""archgen inside other tools: the MkDocs plugin."""
