"use strict"
// A listener thread that listens, then dies (as one out of file handles would): Medusa's side must start it again.
const { createServer } = require("node:http")
const { parentPort, workerData } = require("node:worker_threads")

const server = createServer((req, res) => res.end())
server.listen(workerData.port, workerData.host, () => {
  parentPort.postMessage({ type: "listening", port: server.address().port })
  setTimeout(() => process.exit(1), 50)
})
