"""Fine-tune causal LMs to write ARC DSL programs, scored by the project's own interpreter."""

__version__ = "0.1.0"
