"""PDF documents made with ReportLab: certificates, attendance sheets, local plans, donor summary.

Pure Python, no Qt. Every document embeds the DejaVu Sans fonts shipped in resources/fonts so
Russian and Kyrgyz text (ң ө ү) is real, extractable text.
"""
