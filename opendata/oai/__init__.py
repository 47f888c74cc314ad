"""OAI-PMH 2.0: the portal's published records for harvesters (docs/oai.md)."""
