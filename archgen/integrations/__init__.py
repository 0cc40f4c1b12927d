"""archgen inside other tools: the MkDocs plugin and the Sphinx extension (`archgen.sphinx`)."""
