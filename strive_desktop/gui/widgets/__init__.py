"""Small reusable widgets (painted charts)."""
