"""crmlib: customer relationship management (客户关系管理) for online stores.

The logic behind the crm-notebooks teaching suite. Every function takes tidy pandas tables and
parameters and returns new tables; randomness enters only through an explicit ``random_state``.

Modules
-------
datasets
    The seeded online-shop simulator, the committed store tables and the CDNOW loaders.
clv
    Customer-base summaries (frequency, recency, T, monetary value) for BG/NBD and Gamma-Gamma.
"""

__version__ = "0.1.0"
