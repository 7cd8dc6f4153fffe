/// The layout stage for one document, built on first need: the document's character pairs are
/// counted only when a block turns out to be columns read across.
struct LazyLayout {
    private let source: [Unicode.Scalar]
    private let enabled: Bool
    private var layout: ColumnLayout?

    init(source: [Unicode.Scalar], enabled: Bool) {
        self.source = source
        self.enabled = enabled
    }

    /// The block in reading order, or nil when it needs no change or the order is unclear.
    /// - Parameter fragments: the block's fragments, which the caller has already found.
    mutating func restore(_ block: NormalizedText, fragments: ColumnFragments) -> ColumnLayout.Restored? {
        guard enabled else { return nil }
        guard let fragments = fragments.isInterleaved ? fragments : fragments.fixedPitch() else {
            return nil
        }
        if layout == nil {
            layout = ColumnLayout(scorer: JoinScorer(bigrams: JoinScorer.documentBigrams(source)))
        }
        return layout?.restore(block, fragments: fragments)
    }
}
