// Keeps each client's extended-protocol batch whole on the embedded database's one session.
//
// PGLiteSocketServer (@electric-sql/pglite-socket 0.2.17) queues every client's messages and
// runs them one at a time on PGlite's single PostgreSQL session, keeping a client's turn only
// while it is inside BEGIN…COMMIT. A batch Parse/Bind/Describe/Execute/Sync is not a
// transaction, so when it arrives in parts (a Bind larger than one socket read) another client's
// Parse can run between its Parse and its Bind and replace the unnamed statement: "bind message
// supplies 2 parameters, but prepared statement "" requires 1", or, with compatible shapes,
// another query's rows (electric-sql/pglite#1046, open). Here a client keeps its turn from its
// first message of a batch until the batch ends (Sync, a simple Query, Terminate), as well as in
// a transaction; if it leaves mid-batch, a Sync ends its batch for it.
const MID_BATCH = new Set(["P", "B", "D", "E", "C", "H"].map((c) => c.charCodeAt(0)));
const SYNC = new Uint8Array([0x53, 0, 0, 0, 4]);

/** @param {{ queryQueue: any }} server */
export function keepBatchesWhole(server) {
  const queue = server.queryQueue;
  /** The client whose batch is open, or null. */
  let batchOwner = null;

  queue.processQueue = async function processQueue() {
    if (this.processing || this.queue.length === 0) return;
    this.processing = true;
    try {
      while (this.queue.length > 0) {
        const owner = this.db.isInTransaction() && this.lastHandlerId ? this.lastHandlerId : batchOwner;
        let item;
        if (owner !== null) {
          const i = this.queue.findIndex((q) => q.handlerId === owner);
          // The owner's next message has not arrived: wait for it (enqueue starts us again).
          if (i === -1) break;
          item = this.queue.splice(i, 1)[0];
        } else {
          item = this.queue.shift();
        }
        let bytes = 0;
        try {
          await this.db.runExclusive(() =>
            this.db.execProtocolRawStream(item.message, {
              onRawData: (data) => {
                bytes += data.length;
                item.onData(data);
              },
            }),
          );
        } catch (error) {
          batchOwner = null;
          item.reject(error);
          continue;
        }
        this.lastHandlerId = item.handlerId;
        batchOwner = MID_BATCH.has(item.message[0]) ? item.handlerId : null;
        item.resolve(bytes);
      }
    } finally {
      this.processing = false;
    }
  };

  const clearQueueForHandler = queue.clearQueueForHandler.bind(queue);
  queue.clearQueueForHandler = function (handlerId) {
    clearQueueForHandler(handlerId);
    if (batchOwner !== handlerId) return;
    batchOwner = null;
    // Its batch will never be closed by it: close it, so the next client's messages are not
    // skipped (after an error PostgreSQL ignores messages until Sync), then go on.
    void this.db
      .runExclusive(() => this.db.execProtocolRaw(SYNC))
      .catch(() => {})
      .then(() => this.processQueue());
  };
}
