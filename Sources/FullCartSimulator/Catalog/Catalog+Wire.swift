import FullCartAPI

extension Merchant {
    func money(_ minorUnits: Int) -> FullCartMoney {
        FullCartMoney(currency: currency, minorUnits: minorUnits)
    }
}

extension CatalogProduct {
    func wireImages() -> [FullCartImage] {
        images.enumerated().map { index, url in
            FullCartImage(url: url, alt: title, type: index == 0 ? "default" : "large")
        }
    }

    /// The C1 product; `available` reflects live stock.
    func wireProduct(merchant: Merchant, pdpURL: String, stock: (String) -> Int) -> FullCartProduct {
        let optionValues = options.enumerated().map { position, option in
            FullCartVariantOption(
                displayName: option.name, propertyAccessor: "option\(position + 1)", position: position + 1,
                optionValues: option.values.map { value in
                    let available = variants.contains { $0.options[position] == value && stock($0.sku) > 0 }
                    return FullCartOptionValue(displayName: value, value: value, available: available)
                })
        }
        return FullCartProduct(
            baseSKU: baseSku, title: title, handle: handle, description: description, productType: productType,
            tags: tags ?? [], pdpURL: pdpURL, domain: merchant.domain, images: wireImages(), variantOptionValues: optionValues,
            variants: variants.map { variant in
                FullCartVariant(
                    handle: ([handle] + variant.options.map { $0.lowercased() }).joined(separator: "-"),
                    sku: variant.sku, title: title, displayName: variantDescription(variant),
                    addToCartRef: FullCartAddToCartRef(variantID: variant.sku), price: merchant.money(variant.price),
                    msrp: merchant.money(variant.msrp), available: stock(variant.sku) > 0,
                    variantOptionList: variant.options, option1: variant.options.first,
                    option2: variant.options.dropFirst().first, option3: variant.options.dropFirst(2).first,
                    images: Array(wireImages().prefix(1)))
            })
    }

    /// "Color: Orange, Size: XS".
    func variantDescription(_ variant: CatalogVariant) -> String {
        zip(options, variant.options).map { "\($0.name): \($1)" }.joined(separator: ", ")
    }
}
