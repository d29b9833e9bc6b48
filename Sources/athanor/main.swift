print("athanor: not yet")
