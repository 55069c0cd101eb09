"use strict"
// A listener thread whose file fails to load: no restart loop, one error in the log.
throw new Error("this thread file does not load")
