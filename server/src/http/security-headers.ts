import type { RequestHandler } from 'express';
import helmet from 'helmet';

/**
 * helmet with a strict Content-Security-Policy: scripts, styles' files, fonts, images and
 * connections from our own origin only, no inline script, no framing. Inline style attributes
 * are allowed because the chart library sets them on the SVG it draws.
 */
export function securityHeaders(): RequestHandler[] {
  const headers = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        workerSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    // Sent only over HTTPS, below; over plain HTTP it would mean nothing.
    strictTransportSecurity: false,
    // Not no-referrer everywhere: browsers then send `Origin: null` with form posts, and the
    // form routes' same-origin check needs the origin.
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
    crossOriginEmbedderPolicy: false,
  });
  const perRequest: RequestHandler = (req, res, next) => {
    if (req.secure)
      res.setHeader('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
    // The reset page carries its secret in the URL: it must not leak through Referer.
    if (req.path.startsWith('/reset_password/')) res.setHeader('Referrer-Policy', 'no-referrer');
    next();
  };
  return [headers, perRequest];
}
