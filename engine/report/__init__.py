"""Reports of a run or a comparison: the HTML page with figures and the Excel workbook."""
