import GRDB

extension SnapshotStore {
    /// Documents found on listing pages: of one parent, or all, oldest first.
    public func discovered(parent: String? = nil) throws(StoreError) -> [DiscoveredRecord] {
        try read { db in
            var request = DiscoveredRecord.order(Column("discoveredAt"), Column("id"))
            if let parent { request = request.filter(Column("parentId") == parent) }
            return try request.fetchAll(db)
        }
    }

    /// The listing's state from its last check.
    public func listing(of sourceId: String) throws(StoreError) -> ListingRecord? {
        try read { db in try ListingRecord.fetchOne(db, key: sourceId) }
    }

    /// Records a listing check and the documents it found, together.
    public func recordListing(_ listing: ListingRecord, found: [DiscoveredRecord]) throws(StoreError) {
        try lock.exclusively { () throws(StoreError) in
            try write { db in
                try listing.save(db)
                for record in found { try record.insert(db, onConflict: .ignore) }
            }
        }
    }
}
