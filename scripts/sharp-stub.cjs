// Bundled in place of `sharp`: transformers.js requires it as it loads (for image models), but the
// studio runs text models only, so the extension need not ship sharp's 19 MB native image library.
module.exports = function sharp() {
    throw new Error('image processing is not available in ARC DSL Studio (sharp is not bundled; only text models are supported)');
};
