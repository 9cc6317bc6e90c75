package dojo.models.data;

/**
 * Two captioned images that are each other's hard negative: the same glyphs in the same cells, except
 * that two glyphs exchanged cells. Their captions have the same tokens (the same bag of words) and their
 * images the same patches (the same bag of patches); only which glyph is where tells them apart.
 */
public record LayoutPair(LayoutImage first, LayoutImage second) {
}
