"""The province sync server (sync.md §3.6); see the server issue."""
