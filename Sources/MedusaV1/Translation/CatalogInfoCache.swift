import Bridge
import Foundation

/// The product facts a cart line renders with (`CatalogVariantInfo`), translated once per catalog product and
/// catalog load instead of on every render. A newer catalog load empties it.
final class CatalogInfoCache: @unchecked Sendable {
    private let lock = NSLock()
    // Guarded by `lock`.
    private var generation = 0
    private var byProduct: [String: [String: CatalogVariantInfo]] = [:]

    func entries(
        for entry: CatalogService.Entry, _ translate: () -> [String: CatalogVariantInfo]
    ) -> [String: CatalogVariantInfo] {
        let key = entry.domain + "\u{1F}" + entry.product.handle
        if let cached = lock.withLock({ () -> [String: CatalogVariantInfo]? in
            if entry.generation > generation {
                generation = entry.generation
                byProduct = [:]
            }
            return entry.generation == generation ? byProduct[key] : nil
        }) {
            return cached
        }
        let translated = translate()
        lock.withLock {
            if entry.generation == generation { byProduct[key] = translated }
        }
        return translated
    }
}
