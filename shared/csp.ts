/**
 * The Content-Security-Policy of the app, sent by both hosts (Electron's app:// protocol and the browser
 * mode's server) and mirrored in renderer/index.html's meta tag (a test keeps them equal). No inline
 * scripts or styles, no remote anything. frame-ancestors only works as a header, so the meta omits it.
 */
export const CSP_META =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'";
export const CSP = `${CSP_META}; frame-ancestors 'none'`;
