"""PDF documents made with ReportLab: certificates, attendance sheets, local plans, donor summary.

Pure Python, no Qt. Every document embeds the DejaVu Sans fonts shipped in resources/fonts so
Russian and Kyrgyz text (ң ө ү) is real, extractable text.
"""

from reportlab import rl_config

# Page streams are compressed; ASCII85 on top only makes them 25 % bigger and slower to write.
rl_config.useA85 = 0
