import Bridge
import MedusaAPI

/// A bridge address as Medusa's `Address` object of a cart or order.
public enum AddressRendering {
    public static func medusaAddress(_ address: BridgeAddress) -> Address {
        Address(
            id: address.id, company: address.company, firstName: address.firstName, lastName: address.lastName,
            address1: address.address1, address2: address.address2, city: address.city,
            countryCode: address.countryCode?.lowercased(), province: address.province,
            postalCode: address.postalCode, phone: address.phone, metadata: address.metadata,
            createdAt: address.createdAt, updatedAt: address.updatedAt)
    }
}
