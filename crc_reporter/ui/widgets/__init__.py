"""Reusable widgets: charts drawn with QPainter, cards, delegates, inputs."""
