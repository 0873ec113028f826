"""Renderers: functions from an estimate to text or Rich renderables. No printing here."""
