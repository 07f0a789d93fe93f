/**
 * The Content-Security-Policy of the app, sent by both hosts (Electron's app:// protocol and the browser
 * mode's server) and mirrored in renderer/index.html's meta tag (a test keeps the three equal).
 * No inline scripts or styles, no remote anything.
 */
export const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
