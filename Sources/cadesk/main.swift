print("cadesk")
