//! `pos-app`: the application engine. Every Tauri command calls one method of
//! [`Engine`] (through the [`Terminal`] that started it), so nearly every behaviour is
//! tested without a window.

pub mod application;
pub mod bindings;
pub mod commands;
pub mod data_key;
pub mod decision;
pub mod dto;
mod engine;
pub mod error;
pub mod form;
pub mod logging;
pub mod managed;
pub mod passphrase;
pub mod private_files;
pub mod purchase_dto;
pub mod secrets;
pub mod settings;
pub mod support_bundle;
pub mod terminal;

pub use engine::{
    delay_after, Engine, EngineConfig, ADMIN_WINDOW, FAILURES_BEFORE_DELAY, PURGE_EVERY,
};
pub use error::{AppCode, AppError, AppResult, ErrorCode};
pub use terminal::Terminal;
