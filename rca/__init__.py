"""rca: root-cause reports from service logs.

Pipeline stages, one package each: sources -> mining -> analysis -> llm (analysts) -> render.
The Pydantic models in `rca.models` and `rca.schema` are the contracts between them.
"""

__version__ = "0.1.0"
