# The import bench's file as openpyxl writes it (inline strings, every Chinese character a character
# reference): what a unit's Python script or a WPS export through openpyxl sends.
import sys

import openpyxl

openpyxl.load_workbook(sys.argv[1]).save(sys.argv[2])
