"""The chat model behind the LLM answerer: any OpenAI-compatible endpoint (Ollama, vLLM, a hosted API)."""

from __future__ import annotations

from langchain_core.language_models.chat_models import BaseChatModel

from assistant.settings import Settings

_TEMPERATURE = 0.1  # facts, not prose: keep the model close to its sources


def build_chat_model(settings: Settings) -> BaseChatModel:
    from langchain_openai import ChatOpenAI  # imported here: the extractive default never loads the OpenAI client

    return ChatOpenAI(
        model=settings.llm_model,
        base_url=settings.llm_base_url,
        api_key=settings.llm_api_key,
        timeout=settings.llm_timeout_seconds,
        max_retries=0,  # a slow or failing model falls back to the extractive answer instead of retrying
        temperature=_TEMPERATURE,
    )
