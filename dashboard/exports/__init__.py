"""Files made from the live data: chart images, tables, the annual report and the slide deck."""
