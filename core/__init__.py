"""The base layer: what every part of medkiln may import (errors, record contracts, label tables); it imports
nothing of medkiln itself."""
