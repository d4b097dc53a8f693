"""The optional LLM answerer: a chat model through langchain, fenced prompts, and a check of every reply."""
