/**
 * The empty states' picture, inline: Polaris' EmptyState needs an image, and an image
 * from a CDN would leave a grey placeholder wherever the CDN is out of reach.
 * Two people and a gift: one friend inviting another.
 */
const SVG = `<svg xmlns="http://www.w3.org/2000/svg" width="226" height="160" viewBox="0 0 226 160">
<circle cx="113" cy="80" r="76" fill="#f1f1f1"/>
<circle cx="78" cy="62" r="16" fill="#c9c9c9"/><path d="M48 118c0-19 13-32 30-32s30 13 30 32z" fill="#c9c9c9"/>
<circle cx="148" cy="62" r="16" fill="#8a8a8a"/><path d="M118 118c0-19 13-32 30-32s30 13 30 32z" fill="#8a8a8a"/>
<rect x="101" y="92" width="24" height="20" rx="2" fill="#303030"/><rect x="98" y="86" width="30" height="8" rx="2" fill="#303030"/>
<rect x="111" y="86" width="4" height="26" fill="#f1f1f1"/></svg>`;

export const EMPTY_ILLUSTRATION = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(SVG)}`;
