import GRDB

/// The index's tables, created and changed only through these migrations.
enum Schema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: sources, versions, indicators, outbox") { db in
            try db.create(table: "source") { t in
                t.primaryKey("id", .text)
                t.column("url", .text).notNull()
                t.column("region", .text)
                t.column("createdAt", .datetime).notNull()
                t.column("lastCheckedAt", .datetime)
            }
            try db.create(table: "version") { t in
                t.autoIncrementedPrimaryKey("id")
                t.belongsTo("source", onDelete: .restrict).notNull()
                t.column("sequence", .integer).notNull()
                t.column("fetchedAt", .datetime).notNull()
                t.column("lastSeenAt", .datetime).notNull()
                t.column("url", .text).notNull()
                t.column("httpStatus", .integer)
                t.column("etag", .text)
                t.column("lastModified", .text)
                t.column("blob", .text).notNull().indexed()
                t.column("size", .integer).notNull()
                t.column("storedSize", .integer).notNull()
                t.column("contentType", .text)
                t.column("charset", .text)
                t.column("title", .text)
                t.column("documentYear", .integer)
                t.column("parserVersion", .text).notNull()
                t.column("indicatorCount", .integer).notNull()
                t.column("blobPruned", .boolean).notNull().defaults(to: false)
                t.uniqueKey(["sourceId", "sequence"])
            }
            try db.create(table: "indicator") { t in
                t.autoIncrementedPrimaryKey("id")
                t.belongsTo("version", onDelete: .cascade).notNull()
                t.column("position", .integer).notNull()
                t.column("key", .text).notNull().indexed()
                t.column("subject", .text).notNull()
                t.column("kind", .text).notNull()
                t.column("value", .text).notNull()
                t.column("upper", .text)
                t.column("unit", .text).notNull()
                t.column("qualifier", .text)
                t.column("period", .text)
                t.column("status", .text).notNull()
                t.column("text", .text).notNull()
                t.column("start", .integer).notNull()
                t.column("end", .integer).notNull()
                t.column("item", .integer)
                t.column("confidence", .double).notNull()
            }
            try db.create(table: "outbox") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("eventId", .text).notNull().unique()
                t.column("sourceId", .text).notNull().indexed()
                t.column("versionId", .integer)
                t.column("type", .text).notNull()
                t.column("createdAt", .datetime).notNull()
                t.column("payload", .text).notNull()
            }
        }
        migrator.registerMigration("v2: the daemon's schedule and each source's health") { db in
            try db.create(table: "watch") { t in
                t.primaryKey("sourceId", .text)
                t.column("url", .text).notNull()
                t.column("nextDueAt", .datetime)
                t.column("lastAttemptAt", .datetime)
                t.column("lastSuccessAt", .datetime)
                t.column("consecutiveFailures", .integer).notNull().defaults(to: 0)
                t.column("lastError", .text)
                t.column("lastErrorAt", .datetime)
                t.column("failingReported", .boolean).notNull().defaults(to: false)
            }
        }
        migrator.registerMigration("v3: delivery of events to notification sinks") { db in
            // A sink sees the events queued after it was first configured, not the whole history.
            try db.create(table: "sink") { t in
                t.primaryKey("name", .text)
                t.column("startAfter", .integer).notNull()
                t.column("createdAt", .datetime).notNull()
            }
            try db.create(table: "delivery") { t in
                t.column("outboxId", .integer).notNull().references("outbox", onDelete: .cascade)
                t.column("sink", .text).notNull()
                // pending (to retry), delivered, filtered (a rule left it out), dead (gave up)
                t.column("state", .text).notNull()
                t.column("attempts", .integer).notNull().defaults(to: 0)
                t.column("nextAttemptAt", .datetime)
                t.column("lastError", .text)
                t.column("updatedAt", .datetime).notNull()
                t.primaryKey(["outboxId", "sink"])
            }
            // The last value each sink was told of an indicator, for minimum-change rules.
            try db.create(table: "notified") { t in
                t.column("sink", .text).notNull()
                t.column("sourceId", .text).notNull()
                t.column("key", .text).notNull()
                t.column("value", .text).notNull()
                t.primaryKey(["sink", "sourceId", "key"])
            }
        }
        migrator.registerMigration("v4: documents discovered on listing pages and feeds") { db in
            try db.create(table: "discovered") { t in
                t.primaryKey("id", .text)
                t.column("parentId", .text).notNull().indexed()
                t.column("url", .text).notNull()
                t.column("title", .text)
                t.column("discoveredAt", .datetime).notNull()
                t.uniqueKey(["parentId", "url"])
            }
            // A listing page is not kept as versions: only what a conditional GET needs.
            try db.create(table: "listing") { t in
                t.primaryKey("sourceId", .text)
                t.column("etag", .text)
                t.column("lastModified", .text)
                t.column("sha256", .text)
                t.column("checkedAt", .datetime).notNull()
            }
        }
        return migrator
    }
}
