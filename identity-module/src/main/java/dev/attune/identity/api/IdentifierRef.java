package dev.attune.identity.api;

/** An identifier as a caller names it: kind and clear value (hashed before it is stored or looked up). */
public record IdentifierRef(IdentifierKind kind, String value) {}
