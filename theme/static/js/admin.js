// The web editor's preview shows a text with the site's own stylesheet.
window.CMS.registerPreviewStyle("/theme/css/site.css");
