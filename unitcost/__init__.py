"""unitcost: FinOps unit economics from FOCUS billing exports (dbt + DuckDB)."""

__version__ = "0.1.0"
