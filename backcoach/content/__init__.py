"""Program content: the schema a program file must satisfy, and its loader (no Django)."""
