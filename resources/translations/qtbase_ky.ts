<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<!-- Hand-written: Qt ships no Kyrgyz translation of its own dialogs and buttons. -->
<TS version="2.1" language="ky_KG">
    <context>
        <name>QPlatformTheme</name>
        <message>
            <source>OK</source>
            <translation>Макул</translation>
        </message>
        <message>
            <source>Save</source>
            <translation>Сактоо</translation>
        </message>
        <message>
            <source>Save All</source>
            <translation>Баарын сактоо</translation>
        </message>
        <message>
            <source>Open</source>
            <translation>Ачуу</translation>
        </message>
        <message>
            <source>&amp;Yes</source>
            <translation>&amp;Ооба</translation>
        </message>
        <message>
            <source>Yes to &amp;All</source>
            <translation>&amp;Баарына ооба</translation>
        </message>
        <message>
            <source>&amp;No</source>
            <translation>&amp;Жок</translation>
        </message>
        <message>
            <source>N&amp;o to All</source>
            <translation>Баарына ж&amp;ок</translation>
        </message>
        <message>
            <source>Abort</source>
            <translation>Токтотуу</translation>
        </message>
        <message>
            <source>Retry</source>
            <translation>Кайталоо</translation>
        </message>
        <message>
            <source>Ignore</source>
            <translation>Өткөрүп жиберүү</translation>
        </message>
        <message>
            <source>Close</source>
            <translation>Жабуу</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>Жокко чыгаруу</translation>
        </message>
        <message>
            <source>Discard</source>
            <translation>Баш тартуу</translation>
        </message>
        <message>
            <source>Help</source>
            <translation>Жардам</translation>
        </message>
        <message>
            <source>Apply</source>
            <translation>Колдонуу</translation>
        </message>
        <message>
            <source>Reset</source>
            <translation>Баштапкы абалга келтирүү</translation>
        </message>
        <message>
            <source>Restore Defaults</source>
            <translation>Демейки маанилер</translation>
        </message>
    </context>
    <context>
        <name>QLineEdit</name>
        <message>
            <source>&amp;Undo</source>
            <translation>&amp;Артка кайтаруу</translation>
        </message>
        <message>
            <source>&amp;Redo</source>
            <translation>&amp;Кайра жасоо</translation>
        </message>
        <message>
            <source>Cu&amp;t</source>
            <translation>&amp;Кесүү</translation>
        </message>
        <message>
            <source>&amp;Copy</source>
            <translation>Ко&amp;чүрүү</translation>
        </message>
        <message>
            <source>&amp;Paste</source>
            <translation>&amp;Коюу</translation>
        </message>
        <message>
            <source>Delete</source>
            <translation>Өчүрүү</translation>
        </message>
        <message>
            <source>Select All</source>
            <translation>Баарын тандоо</translation>
        </message>
    </context>
    <context>
        <name>QWidgetTextControl</name>
        <message>
            <source>&amp;Undo</source>
            <translation>&amp;Артка кайтаруу</translation>
        </message>
        <message>
            <source>&amp;Redo</source>
            <translation>&amp;Кайра жасоо</translation>
        </message>
        <message>
            <source>Cu&amp;t</source>
            <translation>&amp;Кесүү</translation>
        </message>
        <message>
            <source>&amp;Copy</source>
            <translation>Ко&amp;чүрүү</translation>
        </message>
        <message>
            <source>&amp;Paste</source>
            <translation>&amp;Коюу</translation>
        </message>
        <message>
            <source>Delete</source>
            <translation>Өчүрүү</translation>
        </message>
        <message>
            <source>Select All</source>
            <translation>Баарын тандоо</translation>
        </message>
        <message>
            <source>Copy &amp;Link Location</source>
            <translation>Шилтеменин &amp;дарегин көчүрүү</translation>
        </message>
    </context>
    <context>
        <name>QMessageBox</name>
        <message>
            <source>Show Details...</source>
            <translation>Толук маалыматты көрсөтүү...</translation>
        </message>
        <message>
            <source>Hide Details...</source>
            <translation>Толук маалыматты жашыруу...</translation>
        </message>
    </context>
    <context>
        <name>QProgressDialog</name>
        <message>
            <source>Cancel</source>
            <translation>Жокко чыгаруу</translation>
        </message>
    </context>
    <context>
        <name>QAbstractSpinBox</name>
        <message>
            <source>&amp;Select All</source>
            <translation>&amp;Баарын тандоо</translation>
        </message>
        <message>
            <source>&amp;Step up</source>
            <translation>&amp;Өйдө кадам</translation>
        </message>
        <message>
            <source>Step &amp;down</source>
            <translation>&amp;Ылдый кадам</translation>
        </message>
    </context>
    <context>
        <name>QFileDialog</name>
        <message>
            <source>Open</source>
            <translation>Ачуу</translation>
        </message>
        <message>
            <source>Save As</source>
            <translation>Башкача сактоо</translation>
        </message>
        <message>
            <source>&amp;Open</source>
            <translation>&amp;Ачуу</translation>
        </message>
        <message>
            <source>&amp;Save</source>
            <translation>&amp;Сактоо</translation>
        </message>
        <message>
            <source>All Files (*)</source>
            <translation>Бардык файлдар (*)</translation>
        </message>
        <message>
            <source>File &amp;name:</source>
            <translation>Файлдын &amp;аты:</translation>
        </message>
        <message>
            <source>Files of type:</source>
            <translation>Файлдын түрү:</translation>
        </message>
        <message>
            <source>Look in:</source>
            <translation>Кайда:</translation>
        </message>
        <message>
            <source>Directory:</source>
            <translation>Папка:</translation>
        </message>
    </context>
</TS>
