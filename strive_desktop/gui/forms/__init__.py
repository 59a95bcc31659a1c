"""Generated from ../../../ui/*.ui by ui/build_forms.py. Do not edit."""
