"""Reading the app's own answer sheets from scans and phone photos (issue #18).

``sources`` yields pages one at a time (PDF through poppler's pdftoppm or PDFium, or
image files), ``locate`` finds the corner marks and the QR code and warps the
page onto the layout, ``measure`` measures every bubble, ``reader`` puts it
together.  OpenCV and numpy are imported inside these modules' functions only,
so the CLI and the GUI start without them; the packed app finds them in its
optional scan add-on (``addon``), which also carries PDFium for PDF pages
where poppler is missing.
"""
