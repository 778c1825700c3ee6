print("attune-smoke")
