"""The chat model behind the LLM answerer: any OpenAI-compatible endpoint (Ollama, vLLM, a hosted API)."""

from __future__ import annotations

from langchain_core.language_models.chat_models import BaseChatModel

from assistant.settings import LlmSettings

_TEMPERATURE = 0.1  # facts, not prose: keep the model close to its sources


def build_chat_model(llm: LlmSettings) -> BaseChatModel:
    from langchain_openai import ChatOpenAI  # imported here: the extractive default never loads the OpenAI client

    return ChatOpenAI(
        model=llm.llm_model,
        base_url=llm.llm_base_url,
        api_key=llm.llm_api_key,
        timeout=llm.llm_timeout_seconds,
        max_retries=0,  # a slow or failing model falls back to the extractive answer instead of retrying
        temperature=_TEMPERATURE,
    )
