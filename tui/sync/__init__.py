"""Team mode: replicas of one session exchanging operations through a hub (a Redis stream)."""
