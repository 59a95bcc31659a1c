"""Generated from ui/pages/*.ui by ui/build_forms.py. Do not edit."""
