# The widgets of alliance-portal: one static library (portal_ui) that the app, the GUI tests and the
# benchmark link. Folders: core/ (context, signing, settings, background jobs), models/ (item models),
# pages/ (one page per pair of files; pageregistry.cpp lists them), window/ (main window, dialogs, the app).
file(GLOB PORTAL_UI_SOURCES CONFIGURE_DEPENDS
  ${CMAKE_CURRENT_SOURCE_DIR}/core/*.cpp ${CMAKE_CURRENT_SOURCE_DIR}/core/*.h
  ${CMAKE_CURRENT_SOURCE_DIR}/models/*.cpp ${CMAKE_CURRENT_SOURCE_DIR}/models/*.h
  ${CMAKE_CURRENT_SOURCE_DIR}/pages/*.cpp ${CMAKE_CURRENT_SOURCE_DIR}/pages/*.h
  ${CMAKE_CURRENT_SOURCE_DIR}/window/*.cpp ${CMAKE_CURRENT_SOURCE_DIR}/window/*.h)
add_library(portal_ui STATIC ${PORTAL_UI_SOURCES})
target_include_directories(portal_ui PUBLIC ${PROJECT_SOURCE_DIR})
target_link_libraries(portal_ui PUBLIC ledger syncclient reportrender Qt6::Widgets Qt6::Charts Qt6::Svg)
