"""Safety rules as pure functions of program parameters and patient data (no Django)."""
