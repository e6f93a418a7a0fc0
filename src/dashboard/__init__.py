"""Iwaki City structural-reform dashboard: data, metrics, charts, views and i18n layers."""
