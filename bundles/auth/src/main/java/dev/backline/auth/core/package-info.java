/**
 * {@code core.auth} and {@code core.httpAuth} in plain Java: plugin tokens (ES256, public keys in each
 * plugin's database, verified through the issuer's JWKS found by discovery), external access, request
 * credentials.
 */
package dev.backline.auth.core;
